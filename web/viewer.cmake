# The WebAssembly viewer and everything served beside it (included by CMakeLists.txt
# under Emscripten). Output: ${WEB_OUT}/ = page, loader, viewer.{js,wasm}, fonts, issues.

# --- Dear ImGui (core files only; our own renderer and platform layer) ------------
set(IMGUI_DIR "${DEPS_DIR}/imgui")
add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp"
  "${IMGUI_DIR}/imgui_tables.cpp" "${IMGUI_DIR}/imgui_widgets.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}")
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_USE_WCHAR32)
# Size over speed for the UI library: parsing speed lives in digest_core (-O3).
target_compile_options(imgui PRIVATE -fno-exceptions -Os)

# --- shaders embedded at build time ---------------------------------------------
set(SHADER_HEADER "${CMAKE_BINARY_DIR}/generated/shaders_embedded.hpp")
add_custom_command(OUTPUT "${SHADER_HEADER}"
  COMMAND ${CMAKE_COMMAND} -DOUT=${SHADER_HEADER}
          "-DINPUTS=ui_vert=${CMAKE_SOURCE_DIR}/shaders/ui.vert|ui_frag=${CMAKE_SOURCE_DIR}/shaders/ui.frag"
          -P "${CMAKE_SOURCE_DIR}/shaders/embed.cmake"
  DEPENDS shaders/ui.vert shaders/ui.frag shaders/embed.cmake
  COMMENT "Embedding GLSL shaders" VERBATIM)

# --- the viewer ------------------------------------------------------------------
add_executable(viewer src/main.cpp src/platform/browser.cpp src/ui/fonts.cpp src/ui/gl_renderer.cpp src/ui/theme.cpp
  src/ui/viewer.cpp "${SHADER_HEADER}")
target_include_directories(viewer PRIVATE src "${CMAKE_BINARY_DIR}/generated")
target_link_libraries(viewer PRIVATE digest_core imgui)
target_compile_options(viewer PRIVATE -Wall -Wextra -fno-exceptions)
# -O3 at link time: nlohmann's parse speed in wasm depends mostly on it (BRIEF.md).
target_link_options(viewer PRIVATE -O3 -fno-exceptions
  -sENVIRONMENT=web -sMODULARIZE=1 -sEXPORT_NAME=createDigestViewer
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sTOTAL_STACK=1048576
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free,_digest_set_font,_digest_set_bold_font,_digest_set_index,_digest_open_issue,_digest_go_article,_digest_open_search,_digest_close_search,_digest_search_text,_digest_search_key,_digest_search_scope,_digest_add_archive_issue,_digest_archive_complete,_digest_set_scroll,_digest_text_layer_html,_digest_save_state,_digest_set_error,_digest_links_json,_digest_frame_stats_json,_digest_state_json,_digest_platform_event
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8)
set_target_properties(viewer PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${WEB_OUT}")

# --- fonts: BIZ UDPGothic subset (fonts/subset.py says what and why) -------------------
set(FONT_DIR "/usr/share/fonts/truetype/bizud-gothic")
set(FONT_OUT "${WEB_OUT}/fonts/BIZUDPGothic-Regular.subset.ttf")
set(FONT_BOLD_OUT "${WEB_OUT}/fonts/BIZUDPGothic-Bold.subset.ttf")
add_custom_command(OUTPUT "${FONT_OUT}"
  COMMAND /usr/bin/python3 "${CMAKE_SOURCE_DIR}/fonts/subset.py" --font "${FONT_DIR}/BIZUDPGothic-Regular.ttf"
          --output "${FONT_OUT}" --licence "${WEB_OUT}/fonts/LICENSE-BIZUDGothic.txt"
  DEPENDS fonts/subset.py "${FONT_DIR}/BIZUDPGothic-Regular.ttf"
  COMMENT "Subsetting the Japanese font (regular)" VERBATIM)
# The bold weight is not part of the first view: the page fetches it after the first text.
add_custom_command(OUTPUT "${FONT_BOLD_OUT}"
  COMMAND /usr/bin/python3 "${CMAKE_SOURCE_DIR}/fonts/subset.py" --font "${FONT_DIR}/BIZUDPGothic-Bold.ttf"
          --output "${FONT_BOLD_OUT}"
  DEPENDS fonts/subset.py "${FONT_DIR}/BIZUDPGothic-Bold.ttf"
  COMMENT "Subsetting the Japanese font (bold)" VERBATIM)

# --- static files and sample issues ------------------------------------------------------
file(GLOB WEB_STATIC CONFIGURE_DEPENDS web/*.html web/*.js web/*.css web/*.webmanifest web/issues/*.json)
set(WEB_STATIC_OUT)
foreach(src IN LISTS WEB_STATIC)
  file(RELATIVE_PATH rel "${CMAKE_SOURCE_DIR}/web" "${src}")
  add_custom_command(OUTPUT "${WEB_OUT}/${rel}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${src}" "${WEB_OUT}/${rel}"
    DEPENDS "${src}")
  list(APPEND WEB_STATIC_OUT "${WEB_OUT}/${rel}")
endforeach()
add_custom_target(web_files ALL DEPENDS ${WEB_STATIC_OUT} "${FONT_OUT}" "${FONT_BOLD_OUT}")
