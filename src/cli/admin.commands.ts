import type { Command } from 'commander';

/** import, audit verify, user add/disable/reset-password (foundation issue). */
export function registerAdminCommands(_program: Command): void {}
