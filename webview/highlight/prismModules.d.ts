// Prism's per-file entry points (the core and each language) have no typings of their
// own; the core is the same `Prism` object @types/prismjs describes.
declare module 'prismjs/components/prism-core' {
  import Prism from 'prismjs';
  export default Prism;
}
declare module 'prismjs/components/*';
