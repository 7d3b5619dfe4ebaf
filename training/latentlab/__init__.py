"""Latent Lab face-model pipeline: data -> evaluator -> teacher -> GAN -> encoder -> export -> evaluation.

One job per module:
    __main__.py        the one entry point: the pipeline's stages, `selftest`, `compare` and `prior` as sub-commands
    config.py          the settings as dataclasses (`full`, `smoke`) and the one list of attributes
    data.py            CelebA's aligned faces decoded once into a cache, split by person; `Faces` reads it
    models.py          the networks: Generator, Discriminator, Evaluator, Teacher, Encoder
    augment.py         image augmentation (colour, translation, cutout, flips) and what the teacher sees
    labels.py          label rows for generated faces and the weights that loosen CelebA's correlations
    checkpoint.py      atomic checkpoints, every random state, the clock across resumes, the safety stop
    classifiers.py     the evaluator and teacher stages (attribute classifiers of real faces) and their loading
    gan.py             the GAN stage: G's losses, G_ema, the teacher-scored snapshot choice; loading G
    encoder.py         the encoder stage; loading E
    export.py          manifest.json + float16 shards for the browser, and the parity fixture
    prior.py           the manifest's attribute prior (joint label counts over the training split)
    evaluate.py        the evaluate stage: reports/celeba64.{md,json} and the sample sheet, on the shipped weights
    metrics.py         the measurements (PSNR, thresholds, refinement, Fréchet distance, flips) the reports share
    compare.py         several exported models under one evaluator
    manifest_model.py  PyTorch modules rebuilt from an exported manifest (bench, compare)
    selftest.py        checks of the pure functions, the safety stop and exact resumes
    fashion/           the Fashion-MNIST model's pipeline (`python3 -m latentlab fashion`; its own map)

Studies (studies/, each run as `python3 -m latentlab.studies.<name>`; no stage imports them):
    bench.py           the native side of `npm run bench`
    landmarks_dump.py  training faces for scripts/derive-alignment.ts
    inversion_study.py photo inversion methods compared (reports/inversion-study.md)
    photo_flips.py     the evaluator's reading of edited photos re-aligned by `npm run bench:photos` (aggregates only)
"""
