"""Builds a Java notebook (IJava, JJava) from a list of ("md"|"code", text) cells. The notebooks are written
from these scripts (python3 tools/NAME.py in notebooks-jvm); tools/run-notebooks.sh then fills in the outputs."""
import json

# The first line of every notebook: the folder of jars `mvn package` builds (the project and Spark), relative to
# the notebook's folder, where Jupyter starts the kernel. %classpath: IJava >= 1.3 and JJava (which deprecates %jars).
CLASSPATH = "%classpath ../target/notebook-jars/*.jar\n"

KERNEL = """
Kernel: [JJava](https://github.com/dflib/jjava) or [IJava](https://github.com/SpencerPark/IJava) 1.3 (Java 17).
Once, in the repository: `mvn -q package -DskipTests -pl notebooks-jvm -am` builds `notebooks-jvm/target/notebook-jars/`
(the project, Spark and their dependencies), which the `%classpath` line below puts on the kernel's classpath;
the README says which JVM flags the kernel needs for Spark. The build runs this notebook the same way, in a fresh
kernel whose classpath holds only what that line adds (`NotebooksIT`).
"""

def notebook(cells):
    out = []
    for i, (kind, text) in enumerate(cells):
        lines = text.strip("\n").split("\n")
        src = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        cell_id = "cell-%02d" % (i + 1)  # nbformat 4.5 wants an id; a stable one keeps diffs small
        if kind == "md":
            out.append({"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": src})
        else:
            out.append({"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": {}, "outputs": [],
                        "source": src})
    return {"cells": out,
            "metadata": {"kernelspec": {"display_name": "Java", "language": "java", "name": "java"},
                         "language_info": {"codemirror_mode": "java", "file_extension": ".jshell",
                                           "mimetype": "text/x-java-source", "name": "Java",
                                           "pygments_lexer": "java", "version": "17"}},
            "nbformat": 4, "nbformat_minor": 5}

def write(path, cells):
    with open(path, "w") as f:
        json.dump(notebook(cells), f, indent=1)
        f.write("\n")
