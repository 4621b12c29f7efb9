"""The MkDocs build: the one place where the package meets MkDocs.

- `pipeline`: the order of the steps in each MkDocs phase (hooks/ calls it);
- `state`: what one build knows and carries from phase to phase;
- one module of steps per subsystem (`content`, `references`, `evidence`, `urgent`,
  `security`, `findability`, `weight`): each step is a few lines that take MkDocs'
  objects, call the subsystem's plain functions and log their problems;
- `finish`: the one pass over the built site after the build.
Every other folder of the package is plain Python that a successor of MkDocs (or
`make check`) can use as it is.
"""
