"""Running Klassekit on more than one machine (issue 28): the Kubernetes manifests are valid and keep a browser on
its replica, the compose file puts the proxy in front of several replicas, and the container installs exactly the
locked, hash-checked packages that the app needs and no test tools."""

import os
import re
import shutil
import subprocess

import kubernetes_validate
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from ruamel.yaml import YAML
from support import IN_CI, ROOT

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
HEALTH = "/_stcore/health"


def load_all(path) -> list[dict]:
    return [doc for doc in YAML(typ="safe").load_all(path.read_text(encoding="utf-8")) if doc]


def manifests() -> dict[str, dict]:
    found = {}
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for doc in load_all(path):
            found[doc["kind"]] = doc
    return found


@pytest.mark.parametrize("path", sorted(p.name for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml"))
def test_every_manifest_is_valid_kubernetes(path):
    """Against the schemas kubernetes-validate ships (no network), strictly: an unknown field is an error."""
    for doc in load_all(K8S / path):
        kubernetes_validate.validate(doc, kubernetes_validate.latest_version(), strict=True)


def test_kustomize_applies_every_manifest():
    [kustomization] = load_all(K8S / "kustomization.yaml")
    assert sorted(kustomization["resources"]) == sorted(p.name for p in K8S.glob("*.yaml")
                                                       if p.name != "kustomization.yaml")


def test_the_deployment_runs_several_sized_replicas_checked_on_the_health_route():
    deployment = manifests()["Deployment"]
    assert deployment["spec"]["replicas"] >= 2
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    requests = container["resources"]["requests"]
    assert requests["cpu"] and requests["memory"] and container["resources"]["limits"]["memory"]
    port = next(p for p in container["ports"] if p["containerPort"] == 8501)["name"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": HEALTH, "port": port}, probe
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_the_service_and_ingress_reach_the_replicas_and_keep_a_browser_on_its_own():
    m = manifests()
    labels = m["Deployment"]["spec"]["template"]["metadata"]["labels"]
    service = m["Service"]
    assert service["spec"]["selector"].items() <= labels.items()
    [service_port] = service["spec"]["ports"]
    assert service_port["targetPort"] == "http"
    ingress = m["Ingress"]
    backends = [p["backend"]["service"] for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]]
    assert backends and all(b["name"] == service["metadata"]["name"] for b in backends)
    annotations = ingress["metadata"]["annotations"]
    # session affinity by cookie, not by the client's address (a school shares one)
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert annotations["nginx.ingress.kubernetes.io/session-cookie-name"]
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # the websocket stays open


def test_compose_puts_the_shipped_proxy_in_front_of_several_replicas():
    [compose] = load_all(DEPLOY / "compose.yaml")
    app, proxy = compose["services"]["app"], compose["services"]["proxy"]
    assert app["deploy"]["replicas"] >= 2
    assert app["build"]["dockerfile"] == "deploy/Dockerfile"
    mounted = {v.split(":")[0] for v in proxy["volumes"]}
    assert mounted == {"./haproxy/haproxy.cfg", "./haproxy/compose.cfg"}
    assert all((DEPLOY / m).is_file() for m in mounted)


HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"


@pytest.mark.skipif(not os.path.exists(HAPROXY) and not IN_CI, reason="haproxy mangler")
@pytest.mark.parametrize("servers", ["instances.cfg", "compose.cfg"])
def test_the_proxy_configuration_is_valid_with_either_list_of_instances(servers):
    """As shipped (a check binds nothing); the proxy test (tests/e2e/test_proxy.py) runs it."""
    check = subprocess.run([HAPROXY, "-c", "-f", str(DEPLOY / "haproxy" / "haproxy.cfg"),
                            "-f", str(DEPLOY / "haproxy" / servers)],
                           capture_output=True, text=True, env={**os.environ, "KLASSEKIT_COOKIE_KEY": "test"},
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr


def locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) from deploy/requirements.lock."""
    text = (DEPLOY / "requirements.lock").read_text(encoding="utf-8")
    pins = {}
    for block in re.split(r"\n(?=\S)", text):
        head = re.match(r"([A-Za-z0-9._-]+)==([^\s\\;]+)", block)
        if head:
            pins[canonicalize_name(head[1])] = (head[2], re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return pins


def requirements(path) -> list[Requirement]:
    reqs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            reqs.append(Requirement(line))
    return reqs


def test_every_runtime_requirement_is_locked_with_hashes():
    pins = locked()
    assert pins and all(hashes for _, hashes in pins.values())
    for req in requirements(ROOT / "requirements.txt"):
        version, _ = pins[canonicalize_name(req.name)]
        assert req.specifier.contains(version, prereleases=True), (req, version)


def test_the_container_installs_the_lock_and_no_test_tools():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"pip install [^\n]*--require-hashes[^\n]*-r requirements\.lock", dockerfile)
    assert "COPY deploy/requirements.lock" in dockerfile and "requirements-test" not in dockerfile
    runtime = {canonicalize_name(r.name) for r in requirements(ROOT / "requirements.txt")}
    test_only = {canonicalize_name(r.name) for r in requirements(ROOT / "requirements-test.txt")} - runtime
    assert test_only and not test_only & locked().keys()


def test_the_container_has_what_the_printed_documents_need_and_reaps_what_libreoffice_leaves():
    # The fonts CI prints with (Carlito, Caladea, Noto for the Arabic letter) and the warm PDF converter: a PDF from
    # the container is laid out as the one the print tests checked.
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    apt = set(re.search(r"apt-get install -y --no-install-recommends([^&]*)&&", dockerfile).group(1).split()) - {"\\"}
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_packages = set(re.search(r"PACKAGES=\(([^)]*)\)", ci).group(1).split())
    for_documents = {p for p in ci_packages if p.startswith(("fonts-", "libreoffice-writer", "libreoffice-impress"))}
    assert for_documents and for_documents | {"python3-uno"} <= apt, sorted((for_documents | {"python3-uno"}) - apt)
    assert 'ENTRYPOINT ["/usr/bin/tini", "--"]' in dockerfile and "tini" in apt


def test_every_teacher_of_a_load_test_asks_for_a_kit_of_their_own(content):
    """The load test's teachers share lessons but never a class, so the app's kit cache cannot serve one teacher the
    kit another asked for and flatter the figures; the warm-up's class is no teacher's either."""
    import sys
    import urllib.parse

    from planner.planning import lesson as L

    sys.path.insert(0, str(ROOT / "deploy"))
    import load

    queries = [load.teacher_query(i) for i in range(load.MAX_SESSIONS)]
    plans = [L.plan_from_query(content, dict(urllib.parse.parse_qsl(q))) for q in queries]
    assert len({p.model_dump_json() for p in plans}) == load.MAX_SESSIONS
    assert len({p.request.model_dump_json() for p in plans}) == len(load.LESSONS)  # the lessons do repeat
    warm = L.plan_from_query(content, dict(urllib.parse.parse_qsl(load.WARM_QUERY)))
    assert warm.kit.class_name == "opvarmning" and warm.model_dump_json() not in {p.model_dump_json() for p in plans}


def test_a_load_tests_kits_per_minute_count_the_teachers_time_and_not_the_other_users():
    """Kits per minute runs from the teachers' start to the last kit: before, the probe's baseline before it and the
    coordinator's job after it were counted too, and the faster the kits, the more they were understated."""
    import sys

    sys.path.insert(0, str(ROOT / "deploy"))
    import load

    started = 100.0
    results = [("app1", 0.5, 101.0), ("app2", 1.0, 102.0), ("app1", 2.0, 104.0), RuntimeError("404")]
    figures = load.kit_figures(results, started)
    assert figures == {"median_s": 1.0, "p95_s": 2.0, "kits_per_min": 45.0}  # 3 kits in 4 s
    nothing = load.kit_figures([RuntimeError("404")], started)
    assert nothing["median_s"] is None and nothing["kits_per_min"] == 0.0


def test_a_load_tests_teachers_arrive_evenly_over_the_spread_asked_for_and_a_bad_spread_is_refused(monkeypatch,
                                                                                                  capsys):
    import sys

    from support import run_apart

    sys.path.insert(0, str(ROOT / "deploy"))
    import load

    waited: list[float] = []

    async def sleep(seconds):
        waited.append(seconds)

    async def teacher():
        return "kit"

    got = [run_apart(load.arriving(i, 4, 10.0, teacher(), sleep=sleep)) for i in range(4)]
    assert got == ["kit"] * 4 and waited == [0.0, 2.5, 5.0, 7.5]  # all at once would be --spread 0
    for bad in ("-1", str(load.MAX_SPREAD_S + 1)):
        monkeypatch.setattr(sys, "argv", ["load.py", "--spread", bad])
        assert load.main() == 2
        assert "--spread skal være mellem 0 og 600 sekunder" in capsys.readouterr().err
