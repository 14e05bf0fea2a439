/// <reference types="@motion-canvas/core/project" />
/// <reference types="vite/client" />
