/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CONTAINER from /proc/PID/cgroup: the texts docker, containerd under
 * kubelet, CRI-O, podman, lxc and systemd-nspawn leave there, on cgroup v1
 * and v2 hosts, most of which no test machine runs. TAP. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "container.h"
#include "tap.h"

#define ID "3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00112233445566778899"
#define ID2 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define UID "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"
#define UID_ "1b2c3d4e_5f60_4718_8293_a4b5c6d7e8f9"

static struct container_ref ref;

/* Whether text gives kind and name (and the full id, where not NULL). */
static int is(const char *text, enum container_kind kind, const char *name, const char *id)
{
	bool found = container_from_cgroup(text, strlen(text), &ref);

	if (!found || ref.kind != kind || strcmp(ref.name, name) != 0 ||
	    strcmp(ref.id, id ? id : "") != 0) {
		printf("# got %d kind %d name '%s' id '%s'\n", found, ref.kind, ref.name, ref.id);
		return 0;
	}
	return 1;
}

static int host(const char *text)
{
	bool found = container_from_cgroup(text, strlen(text), &ref);

	if (found)
		printf("# got kind %d name '%s'\n", ref.kind, ref.name);
	return !found && ref.kind == CONTAINER_NONE && ref.name[0] == '\0';
}

static void test_docker(void)
{
	ok(is("0::/system.slice/docker-" ID ".scope\n", CONTAINER_DOCKER, "3f4e5d6c7b8a", ID),
	   "docker, systemd driver, cgroup v2: the short id");
	ok(is("12:pids:/docker/" ID "\n11:memory:/docker/" ID "\n"
	      "1:name=systemd:/docker/" ID "\n0::/\n", CONTAINER_DOCKER, "3f4e5d6c7b8a", ID),
	   "docker, cgroupfs driver, cgroup v1");
	ok(is("0::/docker/" ID "/docker/" ID2 "\n", CONTAINER_DOCKER, "0123456789ab", ID2),
	   "docker in docker: the innermost container");
	ok(is("0::/default/" ID2 "\n", CONTAINER_CONTAINERD, "0123456789ab", ID2),
	   "plain containerd: a namespace, then the id");
	ok(is("0::/system.slice/docker-" ID ".scope.x\n", CONTAINER_UNIT, "system.slice", NULL),
	   "a suffix after .scope is no docker scope");
}

static void test_kube(void)
{
	ok(is("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" UID_
	      ".slice/cri-containerd-" ID ".scope\n", CONTAINER_KUBE, "pod" UID ":3f4e5d6c7b8a", ID),
	   "containerd under kubelet, systemd driver: pod UID with dashes and the short id");
	ok(is("0::/kubepods.slice/kubepods-pod" UID_ ".slice/cri-containerd-" ID ".scope\n",
	      CONTAINER_KUBE, "pod" UID ":3f4e5d6c7b8a", ID), "a guaranteed pod (no QoS slice)");
	ok(is("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" UID_
	      ".slice/crio-" ID2 ".scope\n", CONTAINER_KUBE, "pod" UID ":0123456789ab", ID2),
	   "CRI-O");
	ok(is("11:memory:/kubepods/burstable/pod" UID "/" ID "\n"
	      "1:name=systemd:/kubepods/burstable/pod" UID "/" ID "\n",
	      CONTAINER_KUBE, "pod" UID ":3f4e5d6c7b8a", ID), "cgroupfs driver, cgroup v1");
	ok(is("0::/kubepods/pod" UID "/" ID2 "\n", CONTAINER_KUBE, "pod" UID ":0123456789ab", ID2),
	   "cgroupfs driver, a guaranteed pod");
	ok(is("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" UID_
	      ".slice/docker-" ID ".scope\n", CONTAINER_KUBE, "pod" UID ":3f4e5d6c7b8a", ID),
	   "dockershim under kubelet counts as a pod's container");
	ok(is("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" UID_ ".slice\n",
	      CONTAINER_KUBE, "pod" UID, NULL), "the pod's own cgroup: the pod alone");
}

static void test_podman(void)
{
	ok(is("0::/machine.slice/libpod-" ID ".scope\n", CONTAINER_PODMAN, "3f4e5d6c7b8a", ID),
	   "podman, systemd manager");
	ok(is("0::/machine.slice/libpod-" ID ".scope/container\n", CONTAINER_PODMAN,
	      "3f4e5d6c7b8a", ID), "podman's container child cgroup");
	ok(is("12:pids:/libpod_parent/libpod-" ID "\n1:name=systemd:/libpod_parent/libpod-" ID
	      "\n0::/\n", CONTAINER_PODMAN, "3f4e5d6c7b8a", ID), "podman, cgroupfs manager, v1");
	ok(is("0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID2 ".scope\n",
	      CONTAINER_PODMAN, "0123456789ab", ID2), "rootless podman");
	ok(is("0::/machine.slice/libpod-conmon-" ID ".scope\n", CONTAINER_UNIT,
	      "libpod-conmon-" ID ".scope", NULL), "conmon is no container: its unit");
}

static void test_names(void)
{
	ok(is("0::/lxc.payload.web1\n", CONTAINER_LXC, "web1", NULL), "lxc 4 and lxd");
	ok(is("4:memory:/lxc/db\n1:name=systemd:/lxc/db/init.scope\n", CONTAINER_LXC, "db", NULL),
	   "lxc 3, cgroup v1; systemd inside the container");
	ok(is("0::/lxc.payload/web2/system.slice/cron.service\n", CONTAINER_LXC, "web2", NULL),
	   "lxc.payload/NAME with a service of its own");
	ok(is("0::/machine.slice/machine-my\\x2dbox.scope\n", CONTAINER_NSPAWN, "my-box", NULL),
	   "systemd-nspawn: \\x2d unescaped");
	ok(is("0::/machine.slice/machine-a\\x2fb.scope\n", CONTAINER_NSPAWN, "a\\x2fb", NULL),
	   "an escaped slash stays escaped: CONTAINER never holds '/'");
	ok(is("0::/machine.slice/machine-bad\tname\x01.scope\n", CONTAINER_NSPAWN, "bad?name?",
	      NULL), "control characters in a cgroup name become '?'");
}

static void test_fallback(void)
{
	ok(is("0::/system.slice/postgresql@15-main.service\n", CONTAINER_UNIT,
	      "postgresql@15-main.service", NULL), "a service with PrivateIPC: its unit");
	ok(is("0::/user.slice/user-1000.slice/session-3.scope\n", CONTAINER_UNIT,
	      "session-3.scope", NULL), "a login session");
	ok(is("0::/system.slice/foo.service/sub/group\n", CONTAINER_UNIT, "foo.service", NULL),
	   "the innermost unit above a plain group");
	ok(host("0::/\n"), "the root cgroup is the host");
	ok(host("0::/init.scope\n"), "init.scope is the host");
	ok(host("9:name=systemd:/\n4:memory:/process_api/229a6f66f6d5b4444b9c81581f559660\n0::/\n"),
	   "a group no runtime makes is no container");
	ok(host(""), "an empty file");
	ok(host("garbage without colons\n"), "a line without fields");
	ok(is("1:name=systemd:/system.slice/cron.service\n0::/system.slice/docker-" ID ".scope",
	      CONTAINER_DOCKER, "3f4e5d6c7b8a", ID), "the v2 line counts first, no final newline");
}

static void test_matches(void)
{
	container_from_cgroup("0::/docker/" ID "\n", strlen("0::/docker/" ID "\n"), &ref);
	ok(container_matches(&ref, "3f4e5d6c7b8a"), "-N takes the short id");
	ok(container_matches(&ref, ID), "-N takes the full id");
	ok(container_matches(&ref, "3f4e5d6c7b8a998"), "-N takes a longer prefix");
	ok(!container_matches(&ref, "3f4e5d6c7b8"), "a prefix shorter than 12 is refused");
	ok(!container_matches(&ref, "3f4e5d6c7b8b"), "another id does not match");
	container_from_cgroup("0::/lxc/db\n", strlen("0::/lxc/db\n"), &ref);
	ok(container_matches(&ref, "db") && !container_matches(&ref, "d"), "a name matches whole");
}

int main(void)
{
	test_docker();
	test_kube();
	test_podman();
	test_names();
	test_fallback();
	test_matches();
	return tap_done();
}
