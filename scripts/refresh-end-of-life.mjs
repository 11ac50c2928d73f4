#!/usr/bin/env node
// Refreshes server/src/data/end-of-life.json from endoflife.date. Run by maintainers (it needs
// the network); tests never call it. Keeps image names and codenames, replaces the dates.
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('../server/src/data/end-of-life.json', import.meta.url);
const data = JSON.parse(readFileSync(FILE, 'utf8'));

for (const [name, product] of Object.entries(data.products)) {
  const response = await fetch(`https://endoflife.date/api/v1/products/${product.endoflife}/`);
  if (!response.ok) throw new Error(`${product.endoflife}: HTTP ${response.status}`);
  const { result } = await response.json();
  const cycles = {};
  for (const release of result.releases) {
    // Debian: the end of LTS ("eoes", extended support); everything else: end of security support.
    const date = name === 'debian' ? (release.eoesFrom ?? release.eolFrom) : release.eolFrom;
    if (typeof date === 'string') cycles[release.name] = date;
  }
  product.cycles = Object.fromEntries(Object.entries(cycles).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
  console.log(`${name}: ${Object.keys(cycles).length} cycles`);
}
data.retrieved = new Date().toISOString().slice(0, 10);
writeFileSync(FILE, `${JSON.stringify(data, null, 2)}\n`);
