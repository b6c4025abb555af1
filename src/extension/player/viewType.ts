// The player panel's view type: package.json's onWebviewPanel activation event names it too.
export const PLAYER_VIEW_TYPE = 'momentoLive.player';
