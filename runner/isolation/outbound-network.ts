// The outbound-only network of a set-up with --setup-network: a network namespace of its own, slirp4netns its one way out.
import { AppError } from '../../kernel/index.js';
import { findCommandFile } from './find-command-file.js';

/** What the spawner of an outbound command needs to attach its network (attach-outbound-network.ts). */
export interface OutboundNetwork {
  /** The slirp4netns program found on the runner's PATH. */
  slirp4netns: string;
}

/**
 * The sandbox's resolver: slirp4netns's DNS forwarder (10.0.2.3, slirp4netns(1)), which asks the host's own
 * nameserver; the host's resolv.conf may name 127.0.0.53 (systemd-resolved), which the sandbox cannot reach.
 */
export const OUTBOUND_RESOLV_CONF = 'nameserver 10.0.2.3\n';

/**
 * The sandbox says it is in its own network namespace (a byte on fd 3, which it then closes), waits for a line on
 * stdin (sent once slirp4netns has brought up tap0; EOF without it: exit 1, nothing runs), gives its stdin back
 * /dev/null (a set-up has none) and runs the rest.
 */
const HANDSHAKE = 'printf x >&3 && exec 3>&- && read -r _ && exec </dev/null && exec "$@"';

/**
 * The command inside a network namespace of its own, made before bwrap, which joins it (`--share-net`): bwrap's own
 * `--unshare-net` namespace belongs to a user namespace no process is left in once `--dev` made bwrap nest a second
 * one, so slirp4netns cannot join it (setns(CLONE_NEWNET): EPERM, github.com/rootless-containers/slirp4netns/issues/311, measured with bubblewrap
 * 0.8.0). It is the outermost layer, before reach-through.ts's private mount and setpriv's uid drop: a root runner
 * makes it as root; any other runner in a user namespace of its own mapping its own uid, which its slirp4netns joins.
 * Its fd 3 is closed before the rest runs, so reach-through.ts has 3 to 9 to itself.
 */
export function wrapOutbound(run: { file: string; args: string[] }, rootRunner: boolean): { file: string; args: string[] } {
  const namespaces = rootRunner ? ['--net'] : ['--user', '--map-current-user', '--net'];
  return { file: 'unshare', args: [...namespaces, '--', 'sh', '-c', HANDSHAKE, 'sh', run.file, ...run.args] };
}

/**
 * slirp4netns on PATH, or one line saying how to get it: a set-up with network never falls back to the host's
 * network. bwrap needs it here, podman for its own `--network slirp4netns`.
 */
export function findSlirp4netns(path: string | undefined): OutboundNetwork {
  const slirp4netns = findCommandFile('slirp4netns', path);
  if (slirp4netns === null)
    throw new AppError(
      'BAD_USAGE',
      'expected slirp4netns on PATH to give a set-up its outbound-only network (--setup-network), got none: install the Debian package slirp4netns, or drop --setup-network',
      { where: '--setup-network' },
    );
  return { slirp4netns };
}
