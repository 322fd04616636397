"""Builds a Java (IJava) notebook from a list of ("md"|"code", text) cells. Used once to write the notebooks;
the runner then fills in outputs (mvn ... -Dnotebooks.write=true)."""
import json, sys

def notebook(cells):
    out = []
    for kind, text in cells:
        lines = text.strip("\n").split("\n")
        src = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        if kind == "md":
            out.append({"cell_type": "markdown", "metadata": {}, "source": src})
        else:
            out.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": src})
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
