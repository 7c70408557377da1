/** Reading times from click exports: one value, or a whole column with one day/month order and resolution. */
export { readTimes, type TimeColumn } from './column';
export { parseTime, looksLikeTime } from './value';
export { isValidTimeZone } from './zone';
export { formatTime } from './format';
export { windowMs } from './window';
