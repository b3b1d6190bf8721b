/**
 * The demo shop's departments, keyed by the model's synthetic category names (`categoryName(c)`
 * in model/src/synthetic), so item metadata, category filters and the model's features agree.
 * Each has the words product names are made of and the drawing of its generated images.
 */

export interface CategoryDef {
  /** The model's category name; also the `category` item metadata and the URL key. */
  slug: string;
  name: string;
  nouns: readonly string[];
  adjectives: readonly string[];
  /** Hue (0-360) of the department's image palette. */
  hue: number;
  /** SVG path data of the product glyph (dark), on a 120x120 canvas. */
  glyph: string;
  /** Optional lighter detail drawn over the glyph (a screen, a lens, a watch face). */
  detail?: string;
}

const def = (
  slug: string,
  hue: number,
  nouns: string[],
  adjectives: string[],
  glyph: string,
  detail?: string,
): CategoryDef => ({
  slug,
  name: slug[0].toUpperCase() + slug.slice(1),
  nouns,
  adjectives,
  hue,
  glyph,
  detail,
});

/** The first 16 of the model's category names, in its order. */
export const CATEGORIES: readonly CategoryDef[] = [
  def(
    'shoes',
    200,
    ['Sneakers', 'Boots', 'Loafers', 'Sandals', 'Trail Runners', 'Chelsea Boots', 'Espadrilles'],
    ['Leather', 'Suede', 'Canvas', 'Waterproof', 'Lightweight', 'Classic', 'Vegan'],
    'M24 52h22l8 10 20 6c10 3 22 6 22 16v4H24zM24 92h72v6H24z',
  ),
  def(
    'jackets',
    215,
    ['Parka', 'Bomber', 'Rain Jacket', 'Denim Jacket', 'Puffer', 'Field Jacket', 'Windbreaker'],
    ['Insulated', 'Packable', 'Waxed', 'Recycled', 'Oversized', 'Quilted'],
    'M44 24h32l22 16-6 56H28l-6-56z',
    'M59 30h2v66h-2z',
  ),
  def(
    'shirts',
    340,
    ['Oxford Shirt', 'Linen Shirt', 'T-Shirt', 'Polo', 'Flannel Shirt', 'Henley'],
    ['Organic', 'Slim-Fit', 'Relaxed', 'Striped', 'Heavyweight', 'Washed'],
    'M46 28h28l22 14-8 14-10-6v44H42V50l-10 6-8-14zM50 28a10 8 0 0 0 20 0z',
  ),
  def(
    'trousers',
    30,
    ['Chinos', 'Jeans', 'Cargo Trousers', 'Joggers', 'Corduroys', 'Wide-Leg Trousers'],
    ['Stretch', 'Tapered', 'Straight', 'Selvedge', 'Pleated', 'Cropped'],
    'M40 24h40l6 72H68l-8-48-8 48H34z',
  ),
  def(
    'dresses',
    320,
    ['Wrap Dress', 'Maxi Dress', 'Shirt Dress', 'Slip Dress', 'Knit Dress', 'Sundress'],
    ['Floral', 'Silk', 'Linen', 'Pleated', 'Midi', 'Tiered'],
    'M50 24h20l-2 16 20 56H32l20-56z',
  ),
  def(
    'bags',
    25,
    ['Backpack', 'Tote', 'Crossbody Bag', 'Weekender', 'Messenger Bag', 'Belt Bag'],
    ['Leather', 'Canvas', 'Roll-Top', 'Water-Resistant', 'Compact', 'Everyday'],
    'M30 46h60l-6 50H36zM46 46v-8a14 14 0 0 1 28 0v8h-6v-8a8 8 0 0 0-16 0v8z',
  ),
  def(
    'watches',
    45,
    ['Field Watch', 'Diver', 'Chronograph', 'Dress Watch', 'Smartwatch', 'Pilot Watch'],
    ['Automatic', 'Titanium', 'Solar', 'Quartz', 'Steel', 'Minimal'],
    'M50 18h20v20H50zM50 82h20v20H50zM60 34a26 26 0 1 0 .1 0z',
    'M60 42a18 18 0 1 0 .1 0z',
  ),
  def(
    'sunglasses',
    190,
    ['Aviators', 'Wayfarers', 'Round Sunglasses', 'Sport Shades', 'Cat-Eye Sunglasses'],
    ['Polarised', 'Tortoiseshell', 'Mirrored', 'Acetate', 'Gradient', 'Wire-Frame'],
    'M18 50h84v6H18zM24 56h30l-4 18a8 8 0 0 1-8 6H34a8 8 0 0 1-8-6zM66 56h30l-2 18a8 8 0 0 1-8 6h-8a8 8 0 0 1-8-6z',
  ),
  def(
    'headphones',
    262,
    ['Over-Ear Headphones', 'Earbuds', 'On-Ear Headphones', 'Studio Headphones', 'Sport Earbuds'],
    ['Wireless', 'Noise-Cancelling', 'Foldable', 'Hi-Fi', 'Open-Back', 'Retro'],
    'M30 70a30 30 0 0 1 60 0v4h-8v-4a22 22 0 0 0-44 0v4h-8zM28 70h14v24H34a6 6 0 0 1-6-6zM78 70h14v18a6 6 0 0 1-6 6h-8z',
  ),
  def(
    'phones',
    230,
    ['Smartphone', 'Rugged Phone', 'Flip Phone', 'Phone Mini', 'Phone Pro'],
    ['5G', 'Dual-SIM', 'Unlocked', 'Refurbished', '128 GB', '256 GB'],
    'M42 18h36a6 6 0 0 1 6 6v72a6 6 0 0 1-6 6H42a6 6 0 0 1-6-6V24a6 6 0 0 1 6-6z',
    'M42 28h36v58H42z',
  ),
  def(
    'laptops',
    210,
    ['Ultrabook', 'Laptop 14"', 'Gaming Laptop', '2-in-1 Laptop', 'Chromebook'],
    ['Thin', 'OLED', 'Fanless', 'Business', 'Creator', 'Long-Battery'],
    'M30 30h60v40H30zM18 74h84l-6 12H24z',
    'M36 36h48v28H36z',
  ),
  def(
    'cameras',
    0,
    ['Mirrorless Camera', 'Instant Camera', 'Action Camera', 'Compact Camera', 'Film Camera'],
    ['Full-Frame', 'Weather-Sealed', 'Vlogging', 'Travel', 'Rangefinder', 'Waterproof'],
    'M22 40h20l6-10h24l6 10h20v50H22z',
    'M60 48a16 16 0 1 0 .1 0z',
  ),
  def(
    'lamps',
    42,
    ['Table Lamp', 'Floor Lamp', 'Desk Lamp', 'Pendant Lamp', 'Reading Light'],
    ['Brass', 'Ceramic', 'Rattan', 'Dimmable', 'Opal Glass', 'Industrial'],
    'M42 30h36l12 30H30zM57 60h6v26h-6zM42 86h36v8H42z',
  ),
  def(
    'chairs',
    95,
    ['Lounge Chair', 'Dining Chair', 'Desk Chair', 'Bar Stool', 'Rocking Chair'],
    ['Oak', 'Walnut', 'Bentwood', 'Upholstered', 'Stackable', 'Ergonomic'],
    'M36 20h8v50h36v8h-4v24h-8V78H44v24h-8z',
  ),
  def(
    'tables',
    35,
    ['Coffee Table', 'Side Table', 'Dining Table', 'Desk', 'Console Table'],
    ['Oak', 'Marble', 'Extendable', 'Round', 'Nesting', 'Reclaimed'],
    'M16 44h88v10H16zM24 54h8v46h-8zM88 54h8v46h-8z',
  ),
  def(
    'rugs',
    15,
    ['Wool Rug', 'Runner', 'Kilim', 'Shag Rug', 'Jute Rug'],
    ['Handwoven', 'Flatweave', 'Washable', 'Berber', 'Striped', 'Vintage'],
    'M20 34h80v52H20z',
    'M30 44h60v32H30z',
  ),
];

/** Department for a model category name with no entry above (`category-<c>` beyond the list). */
export function fallbackCategory(slug: string): CategoryDef {
  return def(
    slug,
    150,
    ['Item', 'Essential', 'Classic'],
    ['Everyday', 'Basic', 'Select'],
    'M30 30h60v60H30z',
  );
}

/** The department with this slug, or undefined. */
export function categoryBySlug(slug: string): CategoryDef | undefined {
  return CATEGORIES.find((c) => c.slug === slug);
}
