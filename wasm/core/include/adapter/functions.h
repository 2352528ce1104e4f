#pragma once
// The JSON functions behind adapter::call, one per contract function. Each reads its request (throwing
// RequestError on a bad one) and returns the response object.
#include "adapter/json_reader.h"

namespace adapter {

OutJson normalizePhoneJson(const JsonReader& request);
OutJson planOutboundJson(const JsonReader& request);
OutJson recordingPartsJson(const JsonReader& request);
OutJson sessionTagJson(const JsonReader& request);
OutJson renderTitleJson(const JsonReader& request);
OutJson profileFlagsJson(const JsonReader& request);
OutJson resolveSessionJson(const JsonReader& request);
OutJson transferTargetsJson(const JsonReader& request);

}  // namespace adapter
