"""Starts `rubric serve` for the scripts that test it from outside (browser, schemathesis, load)."""
import json, os, subprocess, sys, tempfile, time


class Server:
    """`BIN serve --port 0 ARGS…`, its log in a temporary file; the port read from its
    `listening` log line. Use as a context manager: stopped with SIGTERM at the end."""

    def __init__(self, binary, *args):
        self.log = tempfile.NamedTemporaryFile("w+", prefix="rubric-serve-", suffix=".log", delete=False)
        self.process = subprocess.Popen([os.path.abspath(binary), "serve", "--port", "0", *args],
                                        stdout=self.log, stderr=self.log)
        self.port = self._wait_for_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def _wait_for_port(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            self.log.seek(0)
            for line in self.log.read().splitlines():
                if '"msg":"listening"' in line:
                    return int(json.loads(line)["port"])
            if self.process.poll() is not None:
                self.log.seek(0)
                sys.exit("rubric serve exited: " + self.log.read()[-2000:])
            time.sleep(0.1)
        sys.exit("rubric serve did not start within 60 s")

    def lines(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().splitlines()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return False
        return True

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()
        os.unlink(self.log.name)
