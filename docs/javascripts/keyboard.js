/* The IASTM Guide: keyboard access to the phone menu.
   Material's menu button is a <label> for a hidden checkbox: a mouse or a finger can
   press it, a keyboard cannot reach it. This puts a real <button> in its place that
   opens and closes the same menu (Enter or Space), and Escape closes it again.
   Without JavaScript the label stays, and the menu still opens by touch. */
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
