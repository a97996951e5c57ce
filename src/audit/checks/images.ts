import type { Hit, PostureCheck } from '../check.js';
import { at } from './util.js';

/** Splits `registry:5000/repo/name:tag@sha256:…` into repository, tag and digest. */
export function parseImage(image: string): { repo: string; tag: string | null; digest: string | null } {
  const at_ = image.indexOf('@');
  const digest = at_ >= 0 ? image.slice(at_ + 1) : null;
  const rest = at_ >= 0 ? image.slice(0, at_) : image;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : null;
  return { repo: tag !== null ? rest.slice(0, colon) : rest, tag, digest };
}

const KnownDigests: Record<string, RegExp> = {
  sha256: /^[a-f0-9]{64}$/,
  sha512: /^[a-f0-9]{128}$/,
  blake3: /^[a-f0-9]{64}$/,
};
/** OCI digest grammar for algorithms without a fixed length. */
const GenericDigest = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function validDigest(d: string): boolean {
  const [alg = '', hex = ''] = d.split(/:(.*)/s);
  const known = KnownDigests[alg];
  return known ? known.test(hex) : GenericDigest.test(d);
}

function exempt(repo: string, prefixes: string[]): boolean {
  return prefixes.some((p) => repo === p || repo.startsWith(p.endsWith('/') ? p : p + '/'));
}

export const imageLatest: PostureCheck = {
  id: 'image-latest-tag',
  topic: 'image-tag-pull-policy',
  severity: 'medium',
  subtopics: ['image-tag-missing-or-latest'],
  remediation: 'Use an immutable tag or a digest (image@sha256:…) so every node runs the same code.',
  run(_obj, pod) {
    const hits: Hit[] = [];
    for (const v of pod?.containers ?? []) {
      if (typeof v.c.image !== 'string') continue;
      const img = parseImage(v.c.image);
      if (img.digest !== null || (img.tag !== null && img.tag !== 'latest')) continue;
      hits.push({
        path: at(v.path, 'image'),
        message: `container "${v.name}" image ${v.c.image} ${img.tag ? 'uses the floating :latest tag' : 'has no tag (means :latest)'}`,
      });
    }
    return hits;
  },
};

export const imageNotPinned: PostureCheck = {
  id: 'image-not-pinned',
  topic: 'image-tag-pull-policy',
  severity: 'info',
  subtopics: ['image-not-digest-pinned'],
  remediation: 'Pin the image by digest (image@sha256:…).',
  run(_obj, pod, ctx) {
    const hits: Hit[] = [];
    for (const v of pod?.containers ?? []) {
      if (typeof v.c.image !== 'string') continue;
      const img = parseImage(v.c.image);
      if (
        (img.digest !== null && validDigest(img.digest)) ||
        exempt(img.repo, ctx.params.digestExemptRepositories)
      )
        continue;
      hits.push({
        path: at(v.path, 'image'),
        message: `container "${v.name}" image ${v.c.image} is not pinned by digest`,
      });
    }
    return hits;
  },
};

/** Docker Hub short names as nodes list them (`nginx:1` → `docker.io/library/nginx:1`). */
function imageNames(image: string): string[] {
  const first = image.split('/')[0] ?? '';
  const hasRegistry =
    image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return [image];
  return [image, image.includes('/') ? `docker.io/${image}` : `docker.io/library/${image}`];
}

export const imagePullNever: PostureCheck = {
  id: 'image-pull-never',
  topic: 'image-tag-pull-policy',
  severity: 'medium',
  subtopics: [],
  remediation:
    'Use imagePullPolicy: IfNotPresent (or Always) with a registry the nodes can reach; Never needs the image pre-loaded on every node.',
  run(_obj, pod, ctx) {
    const hits: Hit[] = [];
    for (const v of pod?.containers ?? []) {
      if (v.c.imagePullPolicy !== 'Never') continue;
      const image = typeof v.c.image === 'string' ? v.c.image : '';
      const nodes = ctx.index.nodeImages;
      if (nodes && !imageNames(image).some((n) => nodes.has(n)))
        hits.push({
          path: at(v.path, 'imagePullPolicy'),
          message: `container "${v.name}" has imagePullPolicy: Never and image ${image} is on no node: the pod will fail with ErrImageNeverPull`,
          severity: 'high',
        });
      else
        hits.push({
          path: at(v.path, 'imagePullPolicy'),
          message: `container "${v.name}" has imagePullPolicy: Never: it starts only on nodes where ${image} was pre-loaded (else ErrImageNeverPull)`,
        });
    }
    return hits;
  },
};
