/// <reference types="@motion-canvas/core/project" />
