export * from './items';
export * from './messages';
