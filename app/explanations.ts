// Short explanations for a class, one per concept on screen; <Explain topic="..."/> shows them.
// Keep each to 2-5 plain sentences, true of the model the app runs (a conditional GAN, IcGAN-style).

export type ExplainTopic =
  | 'z-and-y'
  | 'generator'
  | 'inversion'
  | 'slerp-vs-lerp'
  | 'attribute-vectors'
  | 'orthogonalisation'
  | 'latent-map'
  | 'intervention'
  | 'discriminator'
  | 'minimax'
  | 'verdict';

export interface Explanation {
  title: string;
  text: string;
}

export const EXPLANATIONS: Record<ExplainTopic, Explanation> = {
  'z-and-y': {
    title: 'z and y',
    text:
      'Every face is made from two inputs. z is a list of 128 random numbers (drawn from a bell curve) that holds ' +
      'everything nobody named: pose, lighting, face shape, background. y is a short list of named attributes ' +
      '(smile, glasses, blonde hair…), one number each, that the model was trained to obey. The sliders change y and ' +
      'leave z alone, so the same person changes only in the way you ask.',
  },
  generator: {
    title: 'The generator',
    text:
      'The generator is a neural network that turns z and y into a picture. It never copies a photo: it learned ' +
      'what faces tend to look like from many thousands of celebrity photos (CelebA), and draws a new one for any ' +
      'input. It runs here in your browser, redrawing the face each time you move a slider.',
  },
  inversion: {
    title: 'Inversion: from a photo back to z and y',
    text:
      'The generator goes from numbers to a face; inversion goes the other way. First an encoder network guesses ' +
      'the numbers in one go. Then the app improves that guess step by step: it draws the face, measures how far it ' +
      'is from your photo (the loss), and nudges the numbers downhill to make it smaller. PSNR measures the ' +
      'match in decibels: higher means closer.',
  },
  'slerp-vs-lerp': {
    title: 'Slerp versus lerp',
    text:
      'Lerp walks in a straight line from face A to face B. In 128 dimensions, random latents all sit about the ' +
      'same distance from the centre, like points on a sphere, and the middle of a straight line dips inside it, ' +
      'where faces come out bland and washed out. Slerp walks along the sphere instead, so every face on the way ' +
      'looks like a typical face. Here z is slerped and the attributes y are lerped.',
  },
  'attribute-vectors': {
    title: 'Attribute vectors',
    text:
      'Pick some faces that have a property and some that do not. Average the latents of each group and subtract: ' +
      'the difference is an arrow that points from "without" towards "with". Adding more or less of that arrow ' +
      'to any face adds more or less of the property (White, 2016).',
  },
  orthogonalisation: {
    title: 'Orthogonalisation',
    text:
      'An attribute vector often carries other properties by accident: if most of your "glasses" faces were men, ' +
      'the arrow also points towards "male". Orthogonalising removes the part of the arrow that lies along the ' +
      'directions you choose, so moving it no longer changes them. Here that is the attribute’s own input in y and ' +
      'also the directions in z and y that change what the model’s encoder reads of it, measured on your device at ' +
      'the faces you picked. The correlation and change shown before and after tell you how much was removed.',
  },
  'latent-map': {
    title: 'The latent map',
    text:
      'Latents have 128 numbers, far too many to draw. The map squashes them to 2 by principal component analysis ' +
      '(PCA): it keeps the two directions along which the sampled faces differ most. Nearby points are similar ' +
      'latents, but much is lost in the squashing, so two close dots can still look different.',
  },
  intervention: {
    title: 'Intervening on a latent',
    text:
      'To find out what one input does (a number of z, a direction in z, or an entry of y), change only that and ' +
      'keep everything else fixed, then watch the pictures. Each result is read twice over: by the model’s own ' +
      'attribute encoder, which says how much of each attribute it sees, and on the clothing model also by simple ' +
      'measures of the picture itself (brightness, width, height, area, flare), which do not depend on any network. ' +
      'The ranking does this for many inputs at once and sorts them by how far each moves each reading. It is an ' +
      'experiment, not a guess: cause and effect on the real model.',
  },
  discriminator: {
    title: 'The discriminator',
    text:
      'A GAN trains two networks together. The discriminator is the critic: it is shown real images and the ' +
      'generator’s fakes and must say which is which. It is used only for training; once trained, the generator ' +
      'works alone.',
  },
  minimax: {
    title: 'The minimax game',
    text:
      'Training is a game between the two networks. The discriminator tries to get better at telling real from fake; ' +
      'the generator tries to fool it, so one minimises exactly what the other maximises. When neither can improve, ' +
      'the fakes look like real data as far as the critic can tell.',
  },
  verdict: {
    title: 'What the discriminator’s verdict means',
    text:
      'The discriminator gives each picture a score: above 0 it leans “real”, below 0 “generated”. The percentage is ' +
      'that score squeezed between 0 and 100% (a logistic curve), so 50% means it cannot tell. It judges a picture as ' +
      'one class (a real test image as its own class; your picture as the class it guesses), so the same picture can ' +
      'score differently as another class. It is the opinion of one network trained for a short while, not a ' +
      'measured truth: real garments it never saw usually score higher than the generator’s, but a plain black ' +
      'picture or random noise still gets close to 50%, because nobody taught it about such pictures.',
  },
};

export const EXPLAIN_TOPICS = Object.keys(EXPLANATIONS) as ExplainTopic[];
