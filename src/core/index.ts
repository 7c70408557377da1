/** The detector's public face: what the Sheets add-on and the CLI may use. */
export { detect } from './detect';
export { BotclickError } from './errors';
export { planColumns, requiredRoles, requireRoles } from './columns';
export { ROLE_WORDS } from './data/roleWords';
export { cellText, columnLetter, isBlank, isBlankRow, normaliseHeader } from './table';
export { formatTime, isValidTimeZone } from './time';
export { formatCount, plural, shorten } from './words';
export { botShare, peopleAnswer } from './answer';
export { shortLink } from './links';
export { BOT_CLICK_HEADER, WHY_HEADER, OVERRIDE_HEADER, plainText } from './output';
export { SETTINGS_SPEC, SETTING_SPECS, PRESETS, PRESET_VALUES, resolveSettings } from './settings';
export type { Settings, SettingsInput, SettingName, SettingSpec, Preset } from './settings';
export * from './types';
