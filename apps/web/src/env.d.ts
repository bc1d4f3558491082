// Next's own types, for `tsc -p .` before any `next build`: next-env.d.ts (generated, not committed)
// imports route types from .next/, which only exists after a build.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
