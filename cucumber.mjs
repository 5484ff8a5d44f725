// cucumber-js settings: Gherkin specs in features/, steps compiled to dist/step-definitions.
export default {
  paths: ['features/**/*.feature'],
  import: ['dist/step-definitions/**/*.js'],
  format: ['progress', 'summary'],
  strict: true,
};
