// Preact with htm: components written as tagged templates, no build step. Text placed in a
// template is always inserted as text (never parsed as HTML): titles from Sonarr or a feed that
// hold markup show as written.
import { h, render, Fragment } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
export { render, Fragment };
export { useState, useEffect, useLayoutEffect, useMemo, useRef, useCallback } from 'preact/hooks';
