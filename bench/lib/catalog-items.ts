/** Deterministic, realistic-looking shop items for the catalogue benches (titles, prices, category paths). */
import type { CatalogItemInput } from '../../contracts/catalog.ts';
import { createRandom } from '../../model/src/random.ts';

/** Departments → sub-categories → the things they sell (product_type paths are the first two). */
const DEPARTMENTS: Record<string, Record<string, string[]>> = {
  Home: {
    Kitchen: ['Chef Knife', 'Frying Pan', 'Kettle', 'Cutting Board'],
    Bedding: ['Duvet Cover', 'Pillow', 'Throw'],
    Lighting: ['Table Lamp', 'Floor Lamp', 'Pendant Light'],
    Bath: ['Bath Towel', 'Bath Mat', 'Soap Dish'],
  },
  Fashion: {
    Shoes: ['Sneaker', 'Loafer', 'Ankle Boot'],
    Jackets: ['Rain Jacket', 'Denim Jacket', 'Puffer Jacket'],
    Bags: ['Tote Bag', 'Backpack', 'Crossbody Bag'],
  },
  Electronics: {
    Audio: ['Headphones', 'Earbuds', 'Bluetooth Speaker'],
    Cameras: ['Action Camera', 'Camera Strap', 'Tripod'],
    Accessories: ['USB-C Cable', 'Phone Case', 'Power Bank'],
  },
  Sports: {
    Running: ['Running Shoe', 'Running Vest', 'Water Bottle'],
    Cycling: ['Bike Helmet', 'Bike Light', 'Cycling Gloves'],
    Yoga: ['Yoga Mat', 'Yoga Block', 'Yoga Strap'],
  },
  Garden: {
    Tools: ['Pruning Shears', 'Garden Trowel', 'Watering Can'],
    Planters: ['Terracotta Pot', 'Hanging Planter', 'Raised Bed'],
  },
};
const ADJECTIVES = [
  'Classic',
  'Organic',
  'Compact',
  'Premium',
  'Vintage',
  'Wireless',
  'Handmade',
  'Slim',
  'Bold',
];
const COLOURS = ['black', 'white', 'navy', 'sand', 'olive', 'red', 'grey', 'oak'];
const BRANDS = ['Acme', 'Nordlicht', 'Kumo', 'Fernway', 'Brightside', 'Oakhill', 'Vela'];

/** One synthetic item with its feed-only extras (brand, colour, a 5 % share of out-of-stock). */
export interface SyntheticItem extends CatalogItemInput {
  id: string;
  productType: string;
  brand: string;
  colour: string;
}

/** `n` items from `seed`: the same arguments always give the same items. */
export function* syntheticItems(n: number, seed = 1): Generator<SyntheticItem> {
  const rand = createRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const departments = Object.keys(DEPARTMENTS);
  for (let i = 0; i < n; i++) {
    const department = pick(departments);
    const subs = DEPARTMENTS[department]!;
    const sub = pick(Object.keys(subs));
    const noun = pick(subs[sub]!);
    const colour = pick(COLOURS);
    const brand = pick(BRANDS);
    const id = `sku-${String(i).padStart(7, '0')}`;
    // Log-uniform prices from ~5 to ~500, ending in .99 or .50 like a shop's.
    const price = Math.floor(5 * 100 ** rand()) + (rand() < 0.7 ? 0.99 : 0.5);
    yield {
      id,
      title: `${brand} ${pick(ADJECTIVES)} ${noun}, ${colour}`,
      url: `https://shop.example/p/${id}`,
      image: `https://cdn.shop.example/img/${id}.jpg`,
      price,
      currency: 'EUR',
      category: department,
      inStock: rand() >= 0.05,
      productType: `${department} > ${sub}`,
      brand,
      colour,
    };
  }
}
