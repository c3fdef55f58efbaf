/**
 * A page's theme: its accent colour, and the text colour that reads on it (white or near-black, whichever contrasts
 * more, by WCAG's relative luminance), so a workspace's choice of colour cannot make a button unreadable.
 */
export function themeCss(accent: string | undefined): string {
  if (accent === undefined || !/^#[0-9a-fA-F]{6}$/.test(accent)) return ':root{}\n';
  const ink = luminance(accent) > 0.179 ? '#1b1f24' : '#ffffff';
  return `:root{--accent:${accent};--accent-ink:${ink}}\n`;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
