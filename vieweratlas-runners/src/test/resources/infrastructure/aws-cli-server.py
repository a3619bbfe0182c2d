# Keeps one AWS CLI (the Debian package awscli, run by /usr/bin/python3) loaded and runs every `aws`
# command the script tests make through its own driver, awscli.clidriver: the same parsing, parameter
# validation, request building and output as /usr/bin/aws, without importing botocore and its service
# models again for each of a script's calls (about a second of CPU each). One command at a time, each
# with the environment and working directory of the `aws` process that sent it (aws-cli-client.py).
import io
import json
import os
import socket
import sys
import traceback

import awscli.clidriver
from awscli.botocore import loaders

# Every command builds a fresh session, whose loader would parse the same service models from disk
# again; the models are read-only, so one parsed copy serves every command.
_parsed = {}
_load_data_with_path = loaders.Loader.load_data_with_path


def _cached_load_data_with_path(self, name):
    key = (tuple(self.search_paths), name)
    if key not in _parsed:
        _parsed[key] = _load_data_with_path(self, name)
    return _parsed[key]


loaders.Loader.load_data_with_path = _cached_load_data_with_path

# Importing awscli puts its own data directory into AWS_DATA_PATH; every command needs it.
DATA_PATH = os.environ["AWS_DATA_PATH"]

server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(sys.argv[1])
server.listen(8)
print("ready", flush=True)
real_out, real_err = sys.stdout, sys.stderr
while True:
    conn, _ = server.accept()
    with conn:
        chunks = []
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        request = json.loads(b"".join(chunks))
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ["AWS_DATA_PATH"] = DATA_PATH
        os.chdir(request["cwd"])
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        sys.stdout, sys.stderr = out, err
        try:
            code = awscli.clidriver.create_clidriver().main(list(request["argv"]))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 255
        finally:
            out.flush()
            err.flush()
            sys.stdout, sys.stderr = real_out, real_err
        answer = {"code": code or 0, "out": out.buffer.getvalue().decode("utf-8", "replace"),
                  "err": err.buffer.getvalue().decode("utf-8", "replace")}
        conn.sendall(json.dumps(answer).encode("utf-8"))
