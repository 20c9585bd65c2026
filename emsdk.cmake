# CMake toolchain file that finds Emscripten.
#   1. an emsdk named by $EMSDK (upstream/emscripten inside it), else
#   2. Debian's emscripten package (/usr/share/emscripten).
# Fails with a message that says how to get one.

set(_digest_emscripten_candidates)
if(DEFINED ENV{EMSDK} AND NOT "$ENV{EMSDK}" STREQUAL "")
  list(APPEND _digest_emscripten_candidates "$ENV{EMSDK}/upstream/emscripten")
endif()
list(APPEND _digest_emscripten_candidates "/usr/share/emscripten")

set(_digest_emscripten_toolchain "")
foreach(_root IN LISTS _digest_emscripten_candidates)
  if(EXISTS "${_root}/cmake/Modules/Platform/Emscripten.cmake")
    set(_digest_emscripten_toolchain "${_root}/cmake/Modules/Platform/Emscripten.cmake")
    break()
  endif()
endforeach()

if(NOT _digest_emscripten_toolchain)
  message(FATAL_ERROR
    "Emscripten was not found (looked in: ${_digest_emscripten_candidates}).\n"
    "Install it with `sudo apt-get install emscripten` (Debian), or activate an emsdk "
    "so that $EMSDK is set (`source ./emsdk_env.sh`), then configure again. "
    "`make setup` installs the Debian package for you.")
endif()

# Debian's emscripten 3.1.6 runs its JS optimizer with Node and needs Debian's node modules.
if(NOT DEFINED ENV{NODE_PATH} AND EXISTS "/usr/share/nodejs")
  set(ENV{NODE_PATH} "/usr/share/nodejs")
endif()

include("${_digest_emscripten_toolchain}")
