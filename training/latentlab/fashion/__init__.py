"""The Fashion-MNIST model: a class-conditional GAN (Mirza & Osindero 2014) on Debian's dataset-fashion-mnist, with
encoders, generator snapshots and the discriminator exported for the browser. Run as `python3 -m latentlab fashion`.

    config.py    settings (`full`, `smoke`) and the ten class names
    data.py      the idx files read into 32 px grey tensors (28 px garments padded by 2 px of background)
    models.py    the projection discriminator with an auxiliary classifier; the encoder and the evaluation classifier
    stages.py    the classifier, GAN and encoder stages, each checkpointed and resumed exactly
    export.py    manifest.json, float16 shards of G, E, D and G's snapshots, and the parity fixture
    samples.py   real test images (first 5 per class of t10k) beside the model, for the discriminator's verdict
    evaluate.py  the report (reports/fashion32.{md,json}) and its sample sheets
    selftest.py  exact resumes of every stage, and the export read back through manifest_model
    cli.py       the sub-command's stages
"""
