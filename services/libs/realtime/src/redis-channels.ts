/**
 * The Redis channel prefix the Socket.IO adapter and the emitter share. It
 * carries the installation's REDIS_KEY_PREFIX, so installations (and test
 * runs) sharing one Redis never see each other's broadcasts.
 */
export const socketChannelKey = (redisKeyPrefix: string): string => `${redisKeyPrefix}socket.io`;
