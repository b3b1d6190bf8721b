/**
 * Entry of `/rec-widgets.js`: the recommend extension and `<rec-widget>` in one file, for pages that
 * show widgets. One gzip stream is smaller than two files and saves the widget its request for
 * `/rec-recommend.js`. The extension comes first, so its `rec.ready` callback runs before the
 * widget's and the widget finds `rec.subscribe` already there. Loading `/rec-recommend.js` or
 * `/rec-widget.js` as well is harmless: each installs only what is not there yet.
 */
import '../recommend/install.ts';
import './rec-widget.ts';
