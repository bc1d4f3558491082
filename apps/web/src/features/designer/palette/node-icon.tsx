import { CircleHelp, icons, type LucideProps } from 'lucide-react';
import { memo } from 'react';

const pascal = (name: string) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** A lucide icon by its kebab-case name (the registry's `meta.icon`); a question mark when unknown. */
export const NodeIcon = memo(function NodeIcon({ name, ...props }: { name: string } & LucideProps) {
  const Icon = icons[pascal(name) as keyof typeof icons] ?? CircleHelp;
  return <Icon size={16} aria-hidden="true" {...props} />;
});
