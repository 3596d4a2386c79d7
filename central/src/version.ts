/** The hub's own version (its API version is HUB_API_VERSION in shared/hub/protocol). */
export const HUB_VERSION = '0.1.0';
