/**
 * Entry of `/rec-widgets.js`: the recommend extension and `<rec-widget>` in one file, for pages that
 * show widgets. One gzip stream is smaller than two files and saves the widget its request for
 * `/rec-recommend.js` (built with `EXTENSION_INSIDE`, the widget installs the extension itself should
 * the SDK arrive after this file). The extension comes first, so its `rec.ready` callback runs before
 * the widget's. Loading `/rec-recommend.js` or `/rec-widget.js` as well is harmless: each installs
 * only what is not there yet.
 */
import '../recommend/install.ts';
import './rec-widget.ts';
