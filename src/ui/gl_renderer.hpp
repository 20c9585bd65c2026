// Draws ImGui's draw lists with WebGL2 (OpenGL ES 3.0), shaders from shaders/.
// Supports ImGui 1.92's dynamic font atlas (ImGuiBackendFlags_RendererHasTextures).
#pragma once

struct ImDrawData;

namespace ui {

class GlRenderer {
 public:
  // Compiles the shaders; false (with a message) if the context cannot run them.
  bool init(const char** error);
  // Renders into the current framebuffer of size fb_width x fb_height pixels.
  // Returns the seconds spent uploading textures (the font atlas) before drawing.
  double render(ImDrawData* draw_data, int fb_width, int fb_height);

 private:
  unsigned program_ = 0, vao_ = 0, vbo_ = 0, ibo_ = 0;
  int projection_location_ = -1, texture_location_ = -1;
};

}  // namespace ui
