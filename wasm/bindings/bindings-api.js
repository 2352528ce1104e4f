// The module's JavaScript API over bindings.cpp's C functions, linked into the glue with --post-js (it runs
// inside the factory, beside Emscripten's own helpers). The same API the embind version had:
//   module.call(functionName, requestJson) -> answerJson
//   module.functionNames() -> JSON array of the function names
//   new module.Adapter(); adapter.dispatch(eventJson) -> answerJson; adapter.delete()
// Strings cross as UTF-8 with their length, encoded by Emscripten's stringToUTF8 (as embind's std::string did),
// and answers are decoded by length, so a NUL byte on either side is data, not an end.
// The names below are the glue's own (Emscripten's runtime and the exported C functions), in scope at link time.
/* global Module, HEAPU8, lengthBytesUTF8, stringToUTF8, _malloc, _free, _adapter_answer_size, _adapter_call,
   _adapter_function_names, _adapter_new, _adapter_dispatch, _adapter_delete, TextDecoder */

/** Copies `text` into the module's memory, runs `use(pointer, byteLength)`, frees the copy. */
function withUtf8(text, use) {
  if (typeof text !== 'string') throw new TypeError('adapter-core: expected a string, got ' + typeof text);
  const size = lengthBytesUTF8(text);
  const pointer = _malloc(size + 1);
  try {
    stringToUTF8(text, pointer, size + 1);
    return use(pointer, size);
  } finally {
    _free(pointer);
  }
}

const answerDecoder = new TextDecoder();
/** The answer bindings.cpp keeps at `pointer` (valid until the next call). */
function answerAt(pointer) {
  return answerDecoder.decode(HEAPU8.subarray(pointer, pointer + _adapter_answer_size()));
}

Module['call'] = function (functionName, request) {
  return withUtf8(functionName, function (f, fSize) {
    return withUtf8(request, function (r, rSize) {
      return answerAt(_adapter_call(f, fSize, r, rSize));
    });
  });
};

Module['functionNames'] = function () {
  return answerAt(_adapter_function_names());
};

/** One agent's live adapter (a C++ object in the module's memory until delete()). */
function Adapter() {
  this.pointer = _adapter_new();
}
Adapter.prototype.live = function () {
  if (!this.pointer) throw new Error('Adapter instance already deleted');
  return this.pointer;
};
Adapter.prototype.dispatch = function (event) {
  const self = this.live();
  return withUtf8(event, function (e, size) {
    return answerAt(_adapter_dispatch(self, e, size));
  });
};
Adapter.prototype['delete'] = function () {
  _adapter_delete(this.live());
  this.pointer = 0;
};
Module['Adapter'] = Adapter;
