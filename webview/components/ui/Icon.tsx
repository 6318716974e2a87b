// A codicon (the icon font VS Code uses, served from dist/media/codicon.css). Light DOM:
// a span with the font's class, so it costs no shadow root and follows currentColor.
// Decorative: whoever shows it carries the accessible name.
export function Icon({ name, className }: { name: string; className?: string }) {
  return <span className={`codicon codicon-${name}${className ? ` ${className}` : ''}`} aria-hidden="true" />;
}
