// The report's markdown as preact elements (headings, paragraphs, tables, lists, quotes, code, emphasis): text only, never innerHTML.
import type { ComponentChildren } from 'preact';
import { html } from './html.js';

/** Inline marks: `code`, **strong**, _em_ / *em*, [text](http...) links; everything else is text that preact escapes. */
export function renderInline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|(?<![\w])_([^_]+)_(?![\w])|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const [, code, strong, em, em2, label, href] = match;
    if (code !== undefined) out.push(html`<code>${code}</code>`);
    else if (strong !== undefined) out.push(html`<strong>${renderInline(strong)}</strong>`);
    else if (em !== undefined || em2 !== undefined) out.push(html`<em>${renderInline(em ?? em2 ?? '')}</em>`);
    // Only web links become links: a javascript: or data: address in the ledger stays text.
    else if (label !== undefined)
      out.push(/^https?:\/\//.test(href ?? '') ? html`<a href=${href} rel="noopener noreferrer">${label}</a>` : `${label} (${href})`);
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** Block structure, line by line; `renderImage` draws `![alt](address)` lines (the report's charts). */
export function renderMarkdown(text: string, renderImage: (alt: string, address: string) => ComponentChildren): ComponentChildren[] {
  const lines = text.split('\n');
  const blocks: ComponentChildren[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, (heading[1] as string).length + 1);
      blocks.push(html`<${`h${level}`}>${renderInline(heading[2] as string)}<//>`);
      i += 1;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      for (i += 1; i < lines.length && !(lines[i] as string).startsWith('```'); i += 1) body.push(lines[i] as string);
      i += 1;
      blocks.push(html`<pre>${body.join('\n')}</pre>`);
      continue;
    }
    const image = /^!\[([^\]]*)\]\(([^)]+)\)\s*$/.exec(line.trim());
    if (image) {
      const drawn = renderImage(image[1] as string, image[2] as string);
      if (drawn) blocks.push(drawn);
      i += 1;
      continue;
    }
    if (line.trim().startsWith('|') && /^\s*\|?[\s:|-]+\|?\s*$/.test(lines[i + 1] ?? '')) {
      const head = splitRow(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && (lines[i] as string).trim().startsWith('|'); i += 1) rows.push(splitRow(lines[i] as string));
      blocks.push(html`<table><thead><tr>${head.map((cell) => html`<th scope="col">${renderInline(cell)}</th>`)}</tr></thead>
        <tbody>${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${renderInline(cell)}</td>`)}</tr>`)}</tbody></table>`);
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i] as string); i += 1)
        items.push((lines[i] as string).replace(/^\s*([-*]|\d+\.)\s+/, ''));
      const children = items.map((item) => html`<li>${renderInline(item)}</li>`);
      blocks.push(ordered ? html`<ol>${children}</ol>` : html`<ul>${children}</ul>`);
      continue;
    }
    if (line.startsWith('>')) {
      const body: string[] = [];
      for (; i < lines.length && (lines[i] as string).startsWith('>'); i += 1) body.push((lines[i] as string).replace(/^>\s?/, ''));
      blocks.push(html`<blockquote>${renderInline(body.join(' '))}</blockquote>`);
      continue;
    }
    const paragraph: string[] = [];
    for (; i < lines.length && (lines[i] as string).trim() !== '' && !/^(#|```|\||>|!\[)/.test(lines[i] as string); i += 1)
      paragraph.push(lines[i] as string);
    if (paragraph.length === 0) {
      paragraph.push(line);
      i += 1;
    }
    // A line ending in two spaces is a hard break (the verdict's two-line headline).
    blocks.push(
      html`<p>${paragraph.flatMap((part, index) => [...renderInline(part.trimEnd()), index < paragraph.length - 1 && part.endsWith('  ') ? html`<br />` : ' '])}</p>`,
    );
  }
  return blocks;
}
