/**
 * Obvious bots: answered like anyone, but kept out of trending (the site's signals) and out of the
 * event log that training reads. Two signs: a user agent that says so, and a session sending events
 * faster than a person can.
 */

/**
 * User agents of crawlers, link previews, monitors and HTTP libraries. Headless Chrome is *not* in
 * the list: the project's own browser tests and real shoppers' automation tools run it, and a
 * scripted flood is caught by the rate rule and the limits instead. An absent user agent is not a
 * bot either (a shop's server may send events server to server).
 */
export const BOT_USER_AGENTS: readonly RegExp[] = [
  /bot\b|bot\/|crawler|spider|crawling|slurp/i, // Googlebot, bingbot, AhrefsBot, Baiduspider, Yahoo Slurp
  /facebookexternalhit|embedly|quora link preview|whatsapp|telegram|discord|slack/i, // link previews
  /lighthouse|pingdom|uptimerobot|statuscake|datadog synthetics|gtmetrix/i, // monitors
  /^(curl|wget|python-requests|python-urllib|aiohttp|go-http-client|java\/|okhttp|axios|node-fetch|undici|libwww-perl|scrapy|httpclient)/i,
];

/** Whether `userAgent` names itself a bot. */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  return userAgent !== undefined && BOT_USER_AGENTS.some((re) => re.test(userAgent));
}

/**
 * More events than this received for one session within `BOT_RATE_WINDOW_MS` is no person: 20 a
 * second for 10 s (a fast shopper makes a few a second at most; the SDK's own impressions included).
 */
export const BOT_RATE_EVENTS = 200;
/** The window of the rate rule. */
export const BOT_RATE_WINDOW_MS = 10_000;
