export * from './items';
export * from './messages';
export * from './itemUpdate';
export * from './review';
export * from './page';
