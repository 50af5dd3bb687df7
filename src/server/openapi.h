// The OpenAPI 3.0 description of the API (src/server/openapi.json, embedded
// at build time), served at /v1/openapi.json.
#pragma once

#include <string_view>

namespace crmerge::server {

namespace embedded {
extern const std::string_view openapi;
}

inline std::string_view openapi_json() { return embedded::openapi; }

}  // namespace crmerge::server
