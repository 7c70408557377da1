/**
 * Links a person rarely opens together with the content: unsubscribe, preferences and the
 * "view online" copy. A scanner fetches them along with everything else.
 */
export const UTILITY_LINK_PATTERN =
  /unsub|opt-?out|optout|abmeld|desinscri|désinscri|darse-?de-?baja|\/baja|afmeld|uitschrijv|preference|email-?settings|manage-?subscription|\/profile|subscription-?center|web-?version|view-?online|online-?version|view-?in-?browser|webview|\/vib\b|browser-?version|im-?browser|version-?en-?ligne|webversie|mailto:/i;
