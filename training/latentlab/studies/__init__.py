"""Studies: one-off measurements beside the pipeline, each run as its own module, `python3 -m latentlab.studies.<name>`.
A stage (one level up, run by `python3 -m latentlab`) makes or checks the shipped model; a study uses what the stages
made (checkpoints, exported weights, the data cache) to answer one question or feed a bench, changes nothing that
ships, and no stage imports it.
"""
