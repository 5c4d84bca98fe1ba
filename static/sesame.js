// Sésame's own script: small additions to htmx, nothing the pages need to work.
"use strict";
