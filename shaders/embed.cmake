# Writes the GLSL sources into a C++ header at build time:
#   cmake -DOUT=<header> -DINPUTS="name=path|name=path" -P embed.cmake
set(_text "// Generated from shaders/ by shaders/embed.cmake. Do not edit.\n#pragma once\n\nnamespace shaders {\n")
string(REPLACE "|" ";" _inputs "${INPUTS}")
foreach(_pair IN LISTS _inputs)
  string(REPLACE "=" ";" _parts "${_pair}")
  list(GET _parts 0 _name)
  list(GET _parts 1 _path)
  file(READ "${_path}" _source)
  string(APPEND _text "inline constexpr const char* ${_name} = R\"glsl(${_source})glsl\";\n")
endforeach()
string(APPEND _text "}  // namespace shaders\n")
file(WRITE "${OUT}.tmp" "${_text}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
