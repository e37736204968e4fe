import type { LoaderContext } from '../../common/module.js';
import type { ProgrammeSettings } from './programme-settings.entity.js';
import { programmeService } from './programme.service.js';

/** Per request: the programme settings, read once however many fields of a page ask for them. */
export function createProgrammeLoaders({ em }: LoaderContext) {
  let settings: Promise<ProgrammeSettings> | undefined;
  return {
    settings: (): Promise<ProgrammeSettings> => (settings ??= programmeService.settings(em)),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    programme: ReturnType<typeof createProgrammeLoaders>;
  }
}
