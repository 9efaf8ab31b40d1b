// The emulator's objects: on disk under a folder (npm start: the local data folder, so uploads
// survive a restart as the answers that name them do), or in memory (tests).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface StoredObject {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: string;
}

interface ObjectStore {
  put(bucket: string, key: string, object: StoredObject): void;
  get(bucket: string, key: string): StoredObject | undefined;
}

const memoryStore = (): ObjectStore => {
  const objects = new Map<string, StoredObject>();
  return {
    put: (bucket, key, object) => void objects.set(`${bucket}/${key}`, object),
    get: (bucket, key) => objects.get(`${bucket}/${key}`),
  };
};

/** One file per object and a JSON file beside it for its metadata; the key is %-encoded into one file name. */
const folderStore = (folder: string): ObjectStore => {
  const pathOf = (bucket: string, key: string) => join(folder, bucket, encodeURIComponent(key));
  return {
    put: (bucket, key, { body, ...meta }) => {
      mkdirSync(join(folder, bucket), { recursive: true });
      const path = pathOf(bucket, key);
      // Written aside and renamed: a crash mid-write leaves the old object or none, never half a file.
      writeFileSync(`${path}.tmp`, body);
      writeFileSync(`${path}.meta.json`, JSON.stringify(meta));
      renameSync(`${path}.tmp`, path);
    },
    get: (bucket, key) => {
      const path = pathOf(bucket, key);
      if (!existsSync(path) || !existsSync(`${path}.meta.json`)) return undefined;
      return { body: readFileSync(path), ...(JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as Omit<StoredObject, 'body'>) };
    },
  };
};

export { folderStore, memoryStore };
export type { ObjectStore, StoredObject };
