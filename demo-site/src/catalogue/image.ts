/**
 * Generated product images: one small parametric SVG per department and colour variant, written
 * by the build (no external assets; ~70 files of ~0.5 KB).
 */

import { IMAGE_VARIANTS } from './catalogue.ts';
import { CATEGORIES, type CategoryDef } from './categories.ts';

/** The SVG document for a department's image variant. */
export function productSvg(category: CategoryDef, variant: number): string {
  const hue = (category.hue + variant * 23) % 360;
  const light = 88 - (variant % 3) * 6;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" role="img">',
    `<rect width="120" height="120" fill="hsl(${hue} 55% ${light}%)"/>`,
    `<circle cx="${40 + variant * 8}" cy="${34 + (variant % 2) * 50}" r="38" fill="hsl(${hue} 60% ${light - 8}%)"/>`,
    `<path d="${category.glyph}" fill="hsl(${hue} 45% 30%)" stroke="hsl(${hue} 50% 20%)" stroke-width="2" stroke-linejoin="round"/>`,
    category.detail ? `<path d="${category.detail}" fill="hsl(${hue} 50% ${light - 4}%)"/>` : '',
    '</svg>',
  ].join('');
}

/** Every image file the build writes: `[file name, svg]`. */
export function allProductImages(): [string, string][] {
  const files: [string, string][] = [];
  for (const category of CATEGORIES) {
    for (let v = 0; v < IMAGE_VARIANTS; v++)
      files.push([`${category.slug}-${v}.svg`, productSvg(category, v)]);
  }
  return files;
}
