/**
 * Every e-mail is written once as blocks and rendered twice: plain text and HTML. Names, team
 * and org names come from users, so the HTML escapes them and headers never carry a line break.
 */

export interface Block {
  kind: 'p' | 'facts' | 'action';
  text?: string;
  facts?: [string, string][];
  action?: { label: string; url: string };
}

export interface Letter {
  greeting: string;
  blocks: Block[];
  /** Why this person gets it, and how to stop it (absent for messages one cannot switch off). */
  footer: { why: string; unsubscribeUrl?: string | undefined; preferencesUrl?: string | undefined };
  orgName: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** One line, no control characters: what a header (subject, a name) may hold. */
export const headerSafe = (value: string, max = 200) =>
  [...value]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

export function renderText(letter: Letter): string {
  const lines: string[] = [letter.greeting, ''];
  for (const block of letter.blocks) {
    if (block.kind === 'p') lines.push(block.text ?? '', '');
    if (block.kind === 'facts') {
      for (const [label, value] of block.facts ?? []) lines.push(`  ${label}: ${value}`);
      lines.push('');
    }
    if (block.kind === 'action' && block.action) {
      lines.push(`${block.action.label}:`, block.action.url, '');
    }
  }
  lines.push('—', `Leeway for ${letter.orgName}. ${letter.footer.why}`);
  if (letter.footer.preferencesUrl) lines.push(`Your messages: ${letter.footer.preferencesUrl}`);
  if (letter.footer.unsubscribeUrl)
    lines.push(`Unsubscribe from these messages: ${letter.footer.unsubscribeUrl}`);
  return `${lines.join('\n')}\n`;
}

export function renderHtml(letter: Letter): string {
  const parts: string[] = [`<p>${escapeHtml(letter.greeting)}</p>`];
  for (const block of letter.blocks) {
    if (block.kind === 'p') parts.push(`<p>${escapeHtml(block.text ?? '')}</p>`);
    if (block.kind === 'facts') {
      const rows = (block.facts ?? [])
        .map(
          ([label, value]) =>
            `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
        )
        .join('');
      parts.push(`<table role="presentation">${rows}</table>`);
    }
    if (block.kind === 'action' && block.action) {
      parts.push(
        `<p><a href="${escapeHtml(block.action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(block.action.label)}</a></p>`,
        `<p style="font-size:12px;color:#555">Or open this address: ${escapeHtml(block.action.url)}</p>`,
      );
    }
  }
  const footer = [`Leeway for ${escapeHtml(letter.orgName)}. ${escapeHtml(letter.footer.why)}`];
  if (letter.footer.preferencesUrl)
    footer.push(`<a href="${escapeHtml(letter.footer.preferencesUrl)}">Your messages</a>`);
  if (letter.footer.unsubscribeUrl)
    footer.push(`<a href="${escapeHtml(letter.footer.unsubscribeUrl)}">Unsubscribe</a>`);
  parts.push(`<hr><p style="font-size:12px;color:#555">${footer.join(' · ')}</p>`);
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">${parts.join('\n')}</body></html>`;
}

export const render = (letter: Letter) => ({ text: renderText(letter), html: renderHtml(letter) });
