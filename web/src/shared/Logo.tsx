// The 织网 mark: a woven grid, drawn inline so it needs no asset or emoji font.
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
      <rect width="32" height="32" rx="7" fill="#3b82f6" />
      <path d="M6 10h20M6 16h20M6 22h20M10 6v20M16 6v20M22 6v20" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
