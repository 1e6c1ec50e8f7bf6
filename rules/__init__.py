"""minislint's built-in rules, one module per rule; installed as the package ``minislint.rules``
and registered through the ``minislint.plugins`` entry points like any third-party pack."""
