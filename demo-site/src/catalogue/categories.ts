/**
 * The demo shop's departments: display name, the words product names are made of, and the
 * drawing used for their generated images. Plain data, no I/O.
 */

export interface CategoryDef {
  /** URL-safe key; also the `category` item metadata. */
  slug: string;
  name: string;
  nouns: readonly string[];
  adjectives: readonly string[];
  /** Hue (0-360) of the department's image palette. */
  hue: number;
  /** SVG path data of the product glyph, drawn on a 120x120 canvas. */
  glyph: string;
}

export const CATEGORIES: readonly CategoryDef[] = [
  {
    slug: 'kitchen',
    name: 'Kitchen',
    nouns: ['Mug', 'Kettle', 'Skillet', 'Chef Knife', 'Cutting Board', 'Saucepan', 'Teapot', 'Colander'],
    adjectives: ['Enamel', 'Cast-Iron', 'Stoneware', 'Copper', 'Bamboo', 'Ceramic', 'Steel'],
    hue: 18,
    glyph: 'M36 40h40v42a8 8 0 0 1-8 8H44a8 8 0 0 1-8-8zM76 50h6a10 10 0 0 1 0 20h-6v-6h6a4 4 0 0 0 0-8h-6z',
  },
  {
    slug: 'audio',
    name: 'Audio',
    nouns: ['Headphones', 'Earbuds', 'Speaker', 'Turntable', 'Soundbar', 'Radio', 'Amplifier'],
    adjectives: ['Wireless', 'Studio', 'Compact', 'Noise-Cancelling', 'Retro', 'Portable', 'Hi-Fi'],
    hue: 262,
    glyph:
      'M30 70a30 30 0 0 1 60 0v4h-8v-4a22 22 0 0 0-44 0v4h-8zM28 70h14v24H34a6 6 0 0 1-6-6zM78 70h14v18a6 6 0 0 1-6 6h-8z',
  },
  {
    slug: 'footwear',
    name: 'Footwear',
    nouns: ['Sneakers', 'Boots', 'Loafers', 'Sandals', 'Trail Runners', 'Slippers', 'Chelsea Boots'],
    adjectives: ['Leather', 'Suede', 'Canvas', 'Waterproof', 'Lightweight', 'Classic', 'Vegan'],
    hue: 200,
    glyph: 'M24 52h22l8 10 20 6c10 3 22 6 22 16v4H24zM24 92h72v6H24z',
  },
  {
    slug: 'apparel',
    name: 'Apparel',
    nouns: ['T-Shirt', 'Hoodie', 'Jacket', 'Sweater', 'Shirt', 'Cardigan', 'Raincoat', 'Scarf'],
    adjectives: ['Organic', 'Merino', 'Linen', 'Oversized', 'Slim-Fit', 'Recycled', 'Heavyweight'],
    hue: 340,
    glyph: 'M46 28h28l22 14-8 14-10-6v44H42V50l-10 6-8-14zM50 28a10 8 0 0 0 20 0z',
  },
  {
    slug: 'home',
    name: 'Home',
    nouns: ['Table Lamp', 'Throw Blanket', 'Cushion', 'Vase', 'Wall Clock', 'Candle', 'Rug', 'Mirror'],
    adjectives: ['Nordic', 'Handwoven', 'Minimal', 'Rattan', 'Velvet', 'Marble', 'Oak'],
    hue: 42,
    glyph: 'M42 30h36l12 30H30zM57 60h6v26h-6zM42 86h36v8H42z',
  },
  {
    slug: 'garden',
    name: 'Garden',
    nouns: ['Planter', 'Watering Can', 'Pruning Shears', 'Seed Kit', 'Bird Feeder', 'Hose Reel', 'Trowel'],
    adjectives: ['Galvanised', 'Terracotta', 'Self-Watering', 'Heritage', 'Ergonomic', 'Hanging'],
    hue: 120,
    glyph:
      'M40 66h40l-6 30H46zM60 66V44M60 52c-14 0-20-10-20-20 12 0 20 8 20 20zM60 46c0-12 8-20 20-20 0 10-6 20-20 20z',
  },
  {
    slug: 'books',
    name: 'Books',
    nouns: ['Cookbook', 'Novel', 'Field Guide', 'Atlas', 'Sketchbook', 'Poetry Collection', 'Travel Guide'],
    adjectives: ['Illustrated', 'Hardcover', 'Pocket', 'Annotated', 'Collector’s', 'Bestselling'],
    hue: 8,
    glyph: 'M30 30h26a6 6 0 0 1 6 6v58a6 6 0 0 0-6-6H30zM90 30H68a6 6 0 0 0-6 6v58a6 6 0 0 1 6-6h22z',
  },
  {
    slug: 'toys',
    name: 'Toys',
    nouns: ['Building Blocks', 'Puzzle', 'Kite', 'Plush Bear', 'Wooden Train', 'Board Game', 'Yo-Yo'],
    adjectives: ['Wooden', 'Rainbow', 'Magnetic', 'Giant', 'Mini', 'Glow-in-the-Dark', 'Classic'],
    hue: 48,
    glyph: 'M30 60h28v28H30zM62 60h28v28H62zM46 30h28v28H46z',
  },
  {
    slug: 'sports',
    name: 'Sports',
    nouns: ['Yoga Mat', 'Football', 'Tennis Racket', 'Water Bottle', 'Jump Rope', 'Dumbbell Set', 'Helmet'],
    adjectives: ['Pro', 'Training', 'Grippy', 'Insulated', 'Adjustable', 'Competition', 'Foldable'],
    hue: 160,
    glyph: 'M60 26a34 34 0 1 0 0.1 0zM60 34l12 9-5 14H53l-5-14z',
  },
  {
    slug: 'beauty',
    name: 'Beauty',
    nouns: ['Face Serum', 'Hand Cream', 'Lip Balm', 'Shampoo', 'Body Oil', 'Face Mask', 'Perfume'],
    adjectives: ['Botanical', 'Unscented', 'Hydrating', 'Rose', 'Citrus', 'Travel-Size', 'Refillable'],
    hue: 300,
    glyph: 'M52 26h16v10H52zM48 36h24v8H48zM44 44h32v46a6 6 0 0 1-6 6H50a6 6 0 0 1-6-6z',
  },
  {
    slug: 'office',
    name: 'Office',
    nouns: ['Notebook', 'Fountain Pen', 'Desk Organiser', 'Planner', 'Desk Lamp', 'Pencil Set', 'Stapler'],
    adjectives: ['Dotted', 'Brass', 'Recycled', 'Modular', 'A5', 'Felt', 'Walnut'],
    hue: 220,
    glyph: 'M36 26h44a4 4 0 0 1 4 4v60a4 4 0 0 1-4 4H36zM44 26v68M52 42h24v6H52zM52 54h24v4H52z',
  },
  {
    slug: 'outdoor',
    name: 'Outdoor',
    nouns: ['Tent', 'Sleeping Bag', 'Backpack', 'Headlamp', 'Camp Stove', 'Hammock', 'Trekking Poles'],
    adjectives: ['Ultralight', '2-Person', 'All-Season', 'Packable', 'Rugged', 'Expedition', 'Weatherproof'],
    hue: 90,
    glyph: 'M60 28l36 64H24zM60 56l14 36H46z',
  },
];

/** The department with this slug, or undefined. */
export function categoryBySlug(slug: string): CategoryDef | undefined {
  return CATEGORIES.find((c) => c.slug === slug);
}
