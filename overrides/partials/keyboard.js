(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  if (!toggle || !label) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon iastm-menu-button";
  button.setAttribute("aria-label", "Menu");
  button.setAttribute("aria-expanded", String(toggle.checked));
  var icon = label.querySelector("svg");
  if (icon) {
    button.appendChild(icon.cloneNode(true));
  }
  label.replaceWith(button);
  button.addEventListener("click", function () {
    toggle.click();
  });
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(toggle.checked));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.click();
      button.focus();
    }
  });
})();
